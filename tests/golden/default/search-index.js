window.EXPLAINER_SEARCH_INDEX = JSON.parse('\
{\
"version":1,\
"kinds":["Actor","Place","Event","Page","Source","Fact","Sentence"],\
"fields":["name","alias","other-name","text","sentence"],\
"pages":[\
["actors/afghan-government.html","Afghan government"],\
["actors/ahmad-massoud.html","Ahmad Massoud"],\
["actors/ahmad-shah-massoud.html","Ahmad Shah Massoud"],\
["actors/amrullah-saleh.html","Amrullah Saleh"],\
["actors/ashraf-ghani.html","Ashraf Ghani"],\
["actors/biden-administration.html","Biden administration"],\
["actors/fahim-dashti.html","Fahim Dashti"],\
["actors/muhammad-sohail-shahin.html","Muhammad Sohail Shahin"],\
["actors/nrf.html","National Resistance Front of Afghanistan"],\
["actors/religious-leaders.html","Group of religious leaders"],\
["actors/tajik-community.html","Tajik community of Afghanistan"],\
["actors/taliban.html","Taliban"],\
["actors/taliban-political-office.html","Taliban political office in Qatar"],\
["actors/ulema-council.html","Ulema Council"],\
["provinces/afghanistan.html","Afghanistan"],\
["provinces/andarab.html","Andarab"],\
["provinces/kabul.html","Kabul"],\
["provinces/kapisa.html","Kapisa"],\
["provinces/panjshir.html","Panjshir"],\
["provinces/parwan.html","Parwan"],\
["provinces/qatar.html","Qatar"],\
["events/conflicting-control-claims.html","Conflicting claims over the control of Panjshir"],\
["events/fall-of-kabul.html","Fall of Kabul"],\
["events/ghani-steps-down-and-flees.html","Ashraf Ghani steps down and flees Afghanistan"],\
["events/nrf-ceasefire-offer.html","The NRF offers a ceasefire"],\
["events/religious-leaders-peace-initiative.html","Religious leaders propose peace talks"],\
["events/saleh-caretaker-claim.html","Amrullah Saleh claims the caretaker presidency"],\
["events/taliban-offensive.html","Taliban offensive against Afghan government forces"],\
["events/ulema-council-ceasefire-resolution.html","Ulema Council resolution on a ceasefire in Panjshir"],\
["events/us-withdrawal-announcement.html","US announces the end of its military operation in Afghanistan"],\
["pages/the-story.html","The story"],\
["sources/tass-2021-09-05.html","Panjshir resistance ready for ceasefire if Taliban withdraw, Massoud says"]\
],\
"docs":[\
[0,0,""],\
[5,0,"fact-1"],\
[5,0,"fact-2"],\
[5,0,"fact-3"],\
[0,1,""],\
[5,1,"fact-1"],\
[5,1,"fact-2"],\
[5,1,"fact-3"],\
[5,1,"fact-4"],\
[5,1,"fact-5"],\
[0,2,""],\
[5,2,"fact-1"],\
[5,2,"fact-2"],\
[5,2,"fact-3"],\
[0,3,""],\
[5,3,"fact-1"],\
[5,3,"fact-2"],\
[0,4,""],\
[5,4,"fact-1"],\
[5,4,"fact-2"],\
[0,5,""],\
[5,5,"fact-1"],\
[5,5,"fact-2"],\
[0,6,""],\
[5,6,"fact-1"],\
[0,7,""],\
[5,7,"fact-1"],\
[0,8,""],\
[5,8,"fact-1"],\
[5,8,"fact-2"],\
[5,8,"fact-3"],\
[5,8,"fact-4"],\
[5,8,"fact-5"],\
[0,9,""],\
[5,9,"fact-1"],\
[0,10,""],\
[5,10,"fact-1"],\
[0,11,""],\
[5,11,"fact-1"],\
[5,11,"fact-2"],\
[5,11,"fact-3"],\
[5,11,"fact-4"],\
[5,11,"fact-5"],\
[0,12,""],\
[5,12,"fact-1"],\
[5,12,"fact-2"],\
[0,13,""],\
[5,13,"fact-1"],\
[5,13,"fact-2"],\
[1,14,""],\
[5,14,"fact-1"],\
[5,14,"fact-2"],\
[5,14,"fact-3"],\
[5,14,"fact-4"],\
[1,15,""],\
[5,15,"fact-1"],\
[5,15,"fact-2"],\
[1,16,""],\
[5,16,"fact-1"],\
[5,16,"fact-2"],\
[5,16,"fact-3"],\
[5,16,"fact-4"],\
[1,17,""],\
[5,17,"fact-1"],\
[1,18,""],\
[5,18,"fact-1"],\
[5,18,"fact-2"],\
[5,18,"fact-3"],\
[5,18,"fact-4"],\
[5,18,"fact-5"],\
[5,18,"fact-taliban-control-claim"],\
[5,18,"fact-taliban-driven-out-claim"],\
[1,19,""],\
[5,19,"fact-1"],\
[1,20,""],\
[5,20,"fact-1"],\
[2,21,""],\
[5,21,"fact-1"],\
[5,21,"fact-2"],\
[2,22,""],\
[5,22,"fact-1"],\
[5,22,"fact-2"],\
[5,22,"fact-3"],\
[2,23,""],\
[5,23,"fact-1"],\
[5,23,"fact-2"],\
[5,23,"fact-3"],\
[2,24,""],\
[5,24,"fact-1"],\
[5,24,"fact-2"],\
[5,24,"fact-3"],\
[5,24,"fact-4"],\
[2,25,""],\
[5,25,"fact-1"],\
[5,25,"fact-2"],\
[2,26,""],\
[5,26,"fact-1"],\
[5,26,"fact-2"],\
[2,27,""],\
[5,27,"fact-1"],\
[5,27,"fact-2"],\
[2,28,""],\
[5,28,"fact-1"],\
[5,28,"fact-2"],\
[2,29,""],\
[5,29,"fact-1"],\
[5,29,"fact-2"],\
[5,29,"fact-3"],\
[3,30,""],\
[4,31,""],\
[6,31,"s1"],\
[6,31,"s2"],\
[6,31,"s3"],\
[6,31,"s4"],\
[6,31,"s5"],\
[6,31,"s6"],\
[6,31,"s7"],\
[6,31,"s8"],\
[6,31,"s9"],\
[6,31,"s10"],\
[6,31,"s11"],\
[6,31,"s12"]\
],\
"entries":[\
[0,0,"afghan government",[0]],\
[3,0,"the government of afghanistan, with ashraf ghani as president and amrullah saleh as vice president. its forces faced a taliban offensive launched after the us announced its troop pullout.",[0,18,36,43,52,66,75,84,89,100,119,156,157]],\
[3,1,"its forces came under an offensive by the taliban, launched after the biden administration announced the us troop pullout.",[0,42,70,105,106]],\
[3,2,"its president, ashraf ghani, said he had stepped down to prevent any bloodshed and subsequently fled the country.",[0,4,15,22]],\
[3,3,"its vice president, amrullah saleh, said that under the constitution he becomes \\u201cthe caretaker president\\u201d in the absence of the president.",[0,4,9,20,29]],\
[0,4,"ahmad massoud",[0,6]],\
[1,4,"ahmad masoud",[0,6]],\
[2,4,"\\u0627\\u062d\\u0645\\u062f \\u0645\\u0633\\u0639\\u0648\\u062f",0,"fa","rtl"],\
[3,4,"leader of the resistance to the taliban in panjshir and of the national resistance front of afghanistan, and a son of ahmad shah massoud. on 5 september 2021 he offered a ceasefire if the taliban withdrew their forces.",[0,32,43,63,72,83,92,118,124,129,138,143,188]],\
[3,5,"leads the resistance in panjshir, the only pocket of resistance to the taliban.",[0,24,71]],\
[3,6,"said on 5 september 2021 that the resistance forces in panjshir were ready to cease fire and sit down at the negotiating table if the taliban withdrew their forces from the region.",[0,10,55,134]],\
[3,7,"wrote on his facebook account that the nrf welcomed the resolution on an immediate ceasefire in panjshir passed by the ulema council in kabul.",[0,13,39,40,41,96,119,125,136]],\
[3,8,"demanded that the taliban stop their attacks and provocations against panjshir, andarab, parwan and kapisa and withdraw their troops from panjshir and andarab.",[0,18,70,80,89,100,138,151]],\
[3,9,"wrote that, if these demands were met, the nrf leaders would order their forces to cease fire.",[0,43,44,45]],\
[0,10,"ahmad shah massoud",[0,6,11]],\
[1,10,"ahmad shah masoud",[0,6,11]],\
[3,10,"a once influential leader of afghanistan\'s tajik community who fought against the taliban in the 1990s. he is the father of ahmad massoud, who leads the resistance in panjshir.",[0,29,43,82,104,124,130,167]],\
[3,11,"was once an influential leader of afghanistan\'s tajik community.",[0,34,48]],\
[3,12,"fought against the taliban in the 1990s.",[0,19]],\
[3,13,"his son ahmad massoud leads the resistance in panjshir.",[0,8,14,46]],\
[0,14,"amrullah saleh",[0,9]],\
[3,14,"vice president of afghanistan under president ashraf ghani. he said that under the constitution he becomes the caretaker president in the absence of the president, and called for armed resistance against the taliban.",[0,5,18,36,46,53,60,208]],\
[3,15,"said that under the constitution he becomes \\u201cthe caretaker president\\u201d in the absence of the president.",[0]],\
[3,16,"called for armed resistance against the taliban.",[0,40]],\
[0,17,"ashraf ghani",[0,7]],\
[2,17,"\\u0627\\u0634\\u0631\\u0641 \\u063a\\u0646\\u06cc",0,"fa","rtl"],\
[3,17,"president of afghanistan, who said he had stepped down to prevent any bloodshed and subsequently fled the country.",[0,13]],\
[3,18,"said he had stepped down as president of afghanistan to prevent any bloodshed.",[0,28,41]],\
[3,19,"subsequently fled the country.",[0]],\
[0,20,"biden administration",[0]],\
[3,20,"the us administration that announced the end of the us military operation in afghanistan and the launch of the us troop pullout, after which the taliban began an offensive against afghan government forces.",[0,4,5,52,53,77,111,112,145,180]],\
[3,21,"announced the end of its us military operation in afghanistan and the launch of its troop pullout.",[0,25,26,50]],\
[3,22,"after its announcement, the taliban embarked on an offensive against afghan government forces.",[0,28,69]],\
[0,23,"fahim dashti",[0,6]],\
[3,23,"spokesman for the resistance movement in panjshir, the national resistance front. in september 2021 he wrote that the taliban had been driven out of the province, contradicting a taliban spokesman who said they controlled almost all of it.",[0,41,55,64,75,82,85,118,179]],\
[3,24,"wrote on his twitter account that the taliban had been driven out of panjshir province.",[0,13,38,69]],\
[0,25,"muhammad sohail shahin",[0,9,16]],\
[3,25,"spokesman for the taliban political office in qatar. on 5 september 2021 he said the taliban controlled almost the entire panjshir province, contradicting a spokesman for the resistance who said the taliban had been driven out.",[0,18,46,53,58,85,122,199]],\
[3,26,"told tass on 5 september 2021 that the taliban was controlling almost the entire panjshir province.",[0,5,6,7,8,15,39,81]],\
[0,27,"national resistance front of afghanistan",[0,9,20,29]],\
[1,27,"nrf",[0,1,2]],\
[1,27,"national resistance front",[0,9,20]],\
[3,27,"the resistance to the taliban in panjshir, led by ahmad massoud. on 5 september 2021 it offered to cease fire if the taliban stopped their attacks and withdrew their troops from panjshir and andarab.",[0,22,33,50,56,65,70,117,178,191]],\
[3,28,"welcomed the resolution on an immediate ceasefire in panjshir passed by the ulema council in kabul.",[0,53,76,82,93]],\
[3,29,"insisted that the taliban stop their attacks and provocations against panjshir, andarab, parwan and kapisa.",[0,18,70,80,89,100]],\
[3,30,"demanded that the taliban withdraw their troops from panjshir and andarab.",[0,18,53,66]],\
[3,31,"its leaders would order their forces to cease fire if these demands were met, according to ahmad massoud.",[0,91,97]],\
[3,32,"was named with the taliban as a party to the peace talks proposed by a group of religious leaders on 5 september 2021.",[0,19,103]],\
[0,33,"group of religious leaders",[0]],\
[3,33,"a group of religious leaders who, on 5 september 2021, came out with an initiative of peace talks between the taliban and the national resistance front.",[0,39,110,126,135,146]],\
[3,34,"came out on 5 september 2021 with an initiative of peace talks between the taliban and the nrf.",[0,14,75,91,92,93]],\
[0,35,"tajik community of afghanistan",[0,19]],\
[3,35,"afghanistan\'s tajik community, of which ahmad shah massoud was once an influential leader.",[0,14,40,46,51]],\
[3,36,"ahmad shah massoud was once one of its influential leaders.",[0,6,11]],\
[0,37,"taliban",[0]],\
[2,37,"\\u0637\\u0627\\u0644\\u0628\\u0627\\u0646",0,"fa","rtl"],\
[2,37,"\\u0637\\u0627\\u0644\\u0628\\u0627\\u0646",0,"ps","rtl"],\
[3,37,"took full control of kabul on 15 august 2021 after an offensive against afghan government forces. in september 2021 panjshir, which refused to recognize its authority, was the only pocket of resistance to it, led by ahmad massoud and the national resistance front.",[0,21,33,72,98,101,116,216,222,238,247,258]],\
[3,38,"is outlawed in russia, as the tass report notes.",[0,15,30,31,32,33]],\
[3,39,"embarked on an offensive against afghan government forces after the biden administration announced the end of the us military operation in afghanistan.",[0,33,68,114,115,139]],\
[3,40,"its fighters swept into kabul on 15 august 2021 without encountering any resistance and gained full control over the afghan capital within a few hours.",[0,24,36,117]],\
[3,41,"has a political office in qatar.",[0,26]],\
[3,42,"was named with the nrf as a party to the peace talks proposed by a group of religious leaders on 5 september 2021.",[0,19,20,21,99]],\
[0,43,"taliban political office in qatar",[0,28]],\
[3,43,"the taliban\'s political office in qatar. its spokesman is muhammad sohail shahin.",[0,4,34,41,58,67,74]],\
[3,44,"is the political office of the taliban in qatar.",[0,31,42]],\
[3,45,"its spokesman, muhammad sohail shahin, told tass on 5 september 2021 that the taliban was controlling almost the entire panjshir province.",[0,15,24,31,44,45,46,47,54,78,120]],\
[0,46,"ulema council",[0,6]],\
[3,46,"a council in kabul that passed a resolution on an immediate ceasefire in panjshir, which the national resistance front welcomed.",[0,13,73,93,102,113]],\
[3,47,"passed a resolution on an immediate ceasefire in panjshir.",[0,49]],\
[3,48,"its resolution was welcomed by the national resistance front of afghanistan.",[0,35,44,55,64]],\
[0,49,"afghanistan",[0]],\
[2,49,"\\u0627\\u0641\\u063a\\u0627\\u0646\\u0633\\u062a\\u0627\\u0646",0,"fa","rtl"],\
[2,49,"\\u0627\\u0641\\u063a\\u0627\\u0646\\u0633\\u062a\\u0627\\u0646",0,"ps","rtl"],\
[3,49,"the country where, after the biden administration announced the end of the us military operation, the taliban took kabul on 15 august 2021. in september 2021 the only pocket of resistance to them was the province of panjshir.",[0,29,75,76,102,115,127,140,143,216]],\
[3,50,"the biden administration announced the end of the us military operation in the country and the launch of its troop pullout.",[0,4,50,51]],\
[3,51,"its president, ashraf ghani, said he had stepped down to prevent any bloodshed and subsequently fled the country.",[0,4,15,22]],\
[3,52,"under its constitution, the vice president becomes the caretaker president in the absence of the president.",[0]],\
[3,53,"panjshir is the only pocket of resistance to the taliban in the country.",[0,49]],\
[0,54,"andarab",[0]],\
[1,54,"andarabad",[0]],\
[3,54,"a place in afghanistan, spelled andarabad in the tass report. on 5 september 2021 the national resistance front demanded that the taliban stop their attacks there and withdraw their troops from it and from panjshir.",[0,11,32,49,50,51,52,62,67,86,95,106,130,206]],\
[3,55,"the national resistance front demanded that the taliban stop their attacks and provocations against andarab.",[0,4,13,24,48,100]],\
[3,56,"the national resistance front demanded that the taliban withdraw their troops from andarab and panjshir.",[0,4,13,24,48,83,95]],\
[0,57,"kabul",[0]],\
[2,57,"\\u06a9\\u0627\\u0628\\u0644",0,"fa","rtl"],\
[2,57,"\\u06a9\\u0627\\u0628\\u0644",0,"ps","rtl"],\
[3,57,"the afghan capital. taliban fighters swept into it on 15 august 2021 without encountering any resistance and took full control within a few hours. it is home to the ulema council.",[0,4,20,57,147,165,171]],\
[3,58,"is the capital of afghanistan.",[0,18]],\
[3,59,"taliban fighters swept into the city on 15 august 2021 without encountering any resistance.",[0,43]],\
[3,60,"the taliban gained full control over the city within a few hours.",[0,4]],\
[3,61,"the ulema council, which passed a resolution on an immediate ceasefire in panjshir, is based in the city.",[0,4,10,74]],\
[0,62,"kapisa",[0]],\
[3,62,"one of the four places, with panjshir, andarab and parwan, against which the national resistance front demanded on 5 september 2021 that the taliban stop their attacks and provocations.",[0,29,39,51,77,86,97,117,141]],\
[3,63,"the national resistance front demanded that the taliban stop their attacks and provocations against kapisa, as well as against panjshir, andarab and parwan.",[0,4,13,24,48,100,127,137,149]],\
[0,64,"panjshir",[0]],\
[2,64,"\\u067e\\u0646\\u062c\\u0634\\u06cc\\u0631",0,"fa","rtl"],\
[3,64,"a northern province of afghanistan that refuses to recognize the authority of the taliban. in september 2021 it was the only pocket of resistance to the taliban, led by ahmad massoud; on 5 september the two sides gave conflicting accounts of who controlled it.",[0,23,82,91,94,153,169,175,189]],\
[3,65,"is a northern province of afghanistan.",[0,26]],\
[3,66,"steadfastly refuses to recognize the authority of the taliban.",[0,54]],\
[3,67,"is the only pocket of resistance to the taliban.",[0,40]],\
[3,68,"the resistance there is led by ahmad massoud.",[0,31,37]],\
[3,69,"the ulema council in kabul passed a resolution on an immediate ceasefire in the province.",[0,4,10,21]],\
[3,70,"the taliban was controlling almost the entire province.",[0,4]],\
[3,71,"the taliban had been driven out of the province.",[0,4]],\
[0,72,"parwan",[0]],\
[3,72,"one of the four places, with panjshir, andarab and kapisa, against which the national resistance front demanded on 5 september 2021 that the taliban stop their attacks and provocations.",[0,29,39,51,77,86,97,117,141]],\
[3,73,"the national resistance front demanded that the taliban stop their attacks and provocations against parwan, as well as against panjshir, andarab and kapisa.",[0,4,13,24,48,100,127,137,149]],\
[0,74,"qatar",[0]],\
[3,74,"the country where the taliban has its political office.",[0,22]],\
[3,75,"the taliban has a political office in qatar.",[0,4,38]],\
[0,76,"conflicting claims over the control of panjshir",[0,39]],\
[3,76,"on 5 september 2021 the two sides gave opposite accounts of the situation in panjshir: a taliban spokesman said the taliban controlled almost the entire province, while a spokesman for the resistance said the taliban had been driven out of it.",[0,5,77,89,116,209]],\
[3,77,"muhammad sohail shahin, spokesman for the taliban political office in qatar, told tass that the taliban was controlling almost the entire panjshir province.",[0,9,16,42,70,82,83,84,85,96,138]],\
[3,78,"fahim dashti, spokesman for the resistance movement, wrote on his twitter account that the taliban had been driven out of the province.",[0,6,66,91]],\
[0,79,"fall of kabul",[0,8]],\
[1,79,"taliban takeover of kabul",[0,20]],\
[3,79,"on 15 august 2021 taliban fighters swept into kabul without encountering any resistance and gained full control over the afghan capital within a few hours.",[0,6,18,46,121]],\
[3,80,"taliban fighters swept into kabul without encountering any resistance.",[0,28]],\
[3,81,"the taliban gained full control over the afghan capital within a few hours.",[0,4,41]],\
[3,82,"it came after a taliban offensive against afghan government forces.",[0,16,42]],\
[0,83,"ashraf ghani steps down and flees afghanistan",[0,7,34]],\
[3,83,"afghanistan\'s president ashraf ghani said he had stepped down to prevent any bloodshed, and subsequently fled the country.",[0,14,24,31]],\
[3,84,"ashraf ghani said he had stepped down as president to prevent any bloodshed.",[0,7,41]],\
[3,85,"he subsequently fled the country.",[0]],\
[3,86,"vice president amrullah saleh said that under the constitution he becomes \\u201cthe caretaker president\\u201d in the absence of the president (his claim).",[0,5,15,24]],\
[0,87,"the nrf offers a ceasefire",[0,4,5,6]],\
[3,87,"on 5 september 2021 ahmad massoud said the resistance forces in panjshir were ready to cease fire and negotiate if the taliban withdrew their forces from the region. in a facebook post he welcomed the ulema council\'s ceasefire resolution and set out the conditions of the national resistance front.",[0,5,20,26,64,119,166,171,201,207,272,281,292]],\
[3,88,"ahmad massoud said the resistance forces in panjshir were ready to cease fire and sit down at the negotiating table if the taliban withdrew forces from the region.",[0,6,44,123]],\
[3,89,"in a post on his facebook account, he welcomed in the name of the nrf the ulema council\'s resolution on an immediate ceasefire, and insisted that the taliban stop their attacks and provocations.",[0,17,66,67,68,74,80,150]],\
[3,90,"the nrf\'s conditions were that the taliban stop their attacks and provocations against panjshir, andarab, parwan and kapisa, and withdraw their troops from panjshir and andarab.",[0,4,5,6,35,87,97,106,117,156,169]],\
[3,91,"if the conditions were met, the nrf leaders would order their forces to cease fire, he wrote.",[0,32,33,34]],\
[0,92,"religious leaders propose peace talks",[0]],\
[3,92,"on 5 september 2021 a group of religious leaders came out with an initiative of peace talks between the taliban and the national resistance front.",[0,5,104,120,129,140]],\
[3,93,"a group of religious leaders came out with an initiative of peace talks between the taliban and the nrf.",[0,84,100,101,102]],\
[3,94,"the initiative came earlier on the same day as ahmad massoud\'s ceasefire offer.",[0,47,53]],\
[0,95,"amrullah saleh claims the caretaker presidency",[0,9]],\
[3,95,"vice president amrullah saleh said that under the constitution he becomes the caretaker president in the absence of the president, and called for armed resistance against the taliban.",[0,5,15,24,175]],\
[3,96,"amrullah saleh said that under the constitution he becomes \\u201cthe caretaker president\\u201d in the absence of the president.",[0,9]],\
[3,97,"he called for armed resistance against the taliban.",[0,43]],\
[0,98,"taliban offensive against afghan government forces",[0,26]],\
[3,98,"after the us announced the end of its military operation in afghanistan, the taliban embarked on an offensive against afghan government forces. on 15 august 2021 taliban fighters swept into kabul.",[0,10,11,60,77,118,144,150,162,190]],\
[3,99,"the taliban embarked on an offensive against afghan government forces after the biden administration announced the end of the us military operation in afghanistan and the launch of its troop pullout.",[0,4,45,80,126,127,151]],\
[3,100,"on 15 august 2021 taliban fighters swept into kabul without encountering any resistance.",[0,6,18,46]],\
[0,101,"ulema council resolution on a ceasefire in panjshir",[0,6,43]],\
[3,101,"the ulema council in kabul passed a resolution on an immediate ceasefire in panjshir. the national resistance front welcomed it on 5 september 2021.",[0,4,10,21,76,86,90,99,110,133]],\
[3,102,"the ulema council in kabul passed a resolution on an immediate ceasefire in panjshir.",[0,4,10,21,76]],\
[3,103,"the national resistance front of afghanistan welcomed the resolution in a statement that ahmad massoud posted on his facebook account.",[0,4,13,24,33,89,95,117]],\
[0,104,"us announces the end of its military operation in afghanistan",[0,1,50]],\
[3,104,"the biden administration announced the end of the us military operation in afghanistan and the launch of the us troop pullout. the taliban then embarked on an offensive against afghan government forces.",[0,4,50,51,75,109,110,127,131,177]],\
[3,105,"the biden administration announced the end of its us military operation in afghanistan.",[0,4,50,51,75]],\
[3,106,"it also announced the launch of its troop pullout.",[0]],\
[3,107,"after the announcement, the taliban embarked on an offensive against afghan government forces.",[0,28,69]],\
[0,108,"the story",[0]],\
[3,108,"on 5 september 2021 ahmad massoud, who leads the resistance in afghanistan\'s northern province of panjshir, said that his forces were ready to cease fire and sit down at the negotiating table if the taliban withdrew their forces from the region (the offer). panjshir was then the only pocket of resistance to the taliban, and it steadfastly refused to recognize their authority.",[0,5,20,26,63,98,199,258,313]],\
[3,108,"how the taliban took kabul",[0,8,21]],\
[3,108,"after the biden administration announced the end of its us military operation in afghanistan and the launch of its troop pullout (the announcement), the taliban embarked on an offensive against afghan government forces. on 15 august 2021 taliban fighters swept into kabul without encountering any resistance and gained full control over the afghan capital within a few hours (the fall of kabul).",[0,10,56,57,81,153,194,220,226,238,266,341,388]],\
[3,108,"president ashraf ghani said he had stepped down to prevent any bloodshed, and subsequently fled the country (his departure). vice president amrullah saleh said that under the constitution he becomes the caretaker president in the absence of the president, and called for armed resistance against the taliban (his claim).",[0,10,17,125,130,140,149,300]],\
[3,108,"panjshir and the massouds",[0,17]],\
[3,108,"the resistance in panjshir is led by ahmad massoud, a son of ahmad shah massoud (1953\\u20132001). the elder massoud was once an influential leader of afghanistan\'s tajik community and fought against the taliban in the 1990s.",[0,18,37,43,61,67,72,93,103,145,159,198]],\
[3,108,"the ceasefire offer",[0]],\
[3,108,"in a post on his facebook account, massoud wrote that the national resistance front of afghanistan (nrf) welcomed a resolution on an immediate ceasefire in panjshir passed by the ulema council in kabul (the resolution). the nrf insisted that the taliban stop their attacks and provocations against panjshir, andarab, parwan and kapisa, and withdraw their troops from panjshir and andarab. in that case, he wrote, the nrf leaders would order their forces to cease fire.",[0,17,35,58,67,78,87,100,101,102,156,179,185,196,220,224,225,226,246,298,308,317,328,367,380,389,417,418,419]],\
[3,108,"earlier the same day, a group of religious leaders had come out with an initiative of peace talks between the taliban and the nrf (the initiative).",[0,110,126,127,128]],\
[3,108,"who controls panjshir?",[0,13]],\
[3,108,"the two sides gave opposite accounts of the situation on the ground (the claims). muhammad sohail shahin, spokesman for the taliban political office in qatar, told tass on 5 september that the taliban was controlling almost the entire province. fahim dashti, spokesman for the resistance movement, wrote on his twitter account that the taliban had been driven out of the province.",[0,82,91,98,124,152,164,165,166,167,174,193,245,251,311,336]],\
[0,109,"panjshir resistance ready for ceasefire if taliban withdraw, massoud says",[0,43,61]],\
[4,110,"resistance forces in afghanistan\\u2019s northern panjshir province, which steadfastly refuses to recognize taliban (outlawed in russia) authority, are ready to cease fire and sit down at the negotiating table if the taliban withdraw forces from the region, resistance leader ahmad massoud said on sunday.",[0,21,44,102,123,211,270,276,292]],\
[4,111,"\\"the national resistance front of afghanistan (nrf) welcomes a resolution on an immediate ceasefire [in panjshir] that was passed by the ulema council in kabul.",[1,5,14,25,34,47,48,49,104,137,143,154]],\
[4,112,"\\u003c...> we insist the taliban stop their attacks and provocations against panjshir, andarabad, parwan, and kapisa and withdraw their troops from panjshir and andarabad.",[[1,4,"\\u2026"],6,20,72,82,93,105,143,156]],\
[4,113,"in this case, the nrf leaders will order their forces to cease fire,\\" he wrote on his facebook account.",[0,18,19,20,86]],\
[4,114,"earlier on sunday, a group of religious leaders came out with an initiative of peace talks between the taliban and the nrf.",[0,11,103,119,120,121]],\
[4,115,"meanwhile, spokesman for the taliban political office in qatar muhammad sohail shahin told tass on sunday that the taliban was controlling almost the entire panjshir province while spokesman for the resistance movement fahim dashti wrote on his twitter account that the taliban have been driven out of the province.",[0,29,57,63,72,79,91,92,93,94,99,115,157,219,225,245,270]],\
[4,116,"after the biden administration announced the end of its us military operation in afghanistan and the launch of its troop pullout, the taliban embarked on an offensive against afghan government forces.",[0,10,56,57,81,134,175]],\
[4,117,"on august 15, taliban fighters swept into kabul without encountering any resistance and gained full control over the afghan capital within a few hours.",[0,3,14,42,117]],\
[4,118,"afghanistan\\u2019s president ashraf ghani said he had stepped down to prevent any bloodshed and subsequently fled the country.",[0,14,24,31]],\
[4,119,"vice president amrullah saleh said that under the constitution, he becomes \\"the caretaker president\\" in the absence of the president and called for armed resistance against the taliban.",[0,5,15,24,177]],\
[4,120,"the northern province of panjshir is the only pocket of resistance to the taliban.",[0,25,74]],\
[4,121,"it is led by ahmad massoud, a son of ahmad shah massoud (1953-2001), a once influential leader of afghanistan\\u2019s tajik community who fought against the taliban back in the 1990s.",[0,13,19,37,43,48,98,112,151]]\
]\
}');
